"""Report on North Korea's troop deployment to Russia's war: corpus to claims to scenarios."""

__version__ = "0.1.0"
