"""What the directory runs on."""
