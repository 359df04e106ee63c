"""The archive document of each decision on an application."""
