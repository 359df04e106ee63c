"""Trust: incidents on hijacked channels, reports of fake accounts, and platform ids."""
