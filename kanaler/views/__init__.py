"""The kanaler app's pages: thin views, a permission check, a form, a service or selector call."""
