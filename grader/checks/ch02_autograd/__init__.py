"""Checks for chapter 2, autograd."""
