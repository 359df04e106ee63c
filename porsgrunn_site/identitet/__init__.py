"""Sign-in through the municipality's identity provider (OpenID Connect) and SCIM provisioning."""
