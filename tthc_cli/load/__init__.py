"""Loading: everything from bytes to a built catalog."""
