"""Every write to the register and every channel state transition, one module per concern."""
