"""Checks for chapter 3: neural networks (nn.Module, losses, optimisation steps)."""
