// Try-it panel behaviour (credential storage, history, copy buttons); built by the try-it issue.
