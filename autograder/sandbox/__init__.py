"""The sandbox: a resource-limited child process for submission code, and the parent-side proxies."""
