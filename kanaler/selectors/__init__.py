"""Every non-trivial read of the register used by views, one module per page or concern."""
