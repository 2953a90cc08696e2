"""Where crawlers and agents find the catalogue: /sitemap.xml, /robots.txt, /.well-known/llms.txt."""
