"""The WebSocket console on every channel page: what the page hands the browser, and the code samples."""
