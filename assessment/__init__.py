"""fibro-assess: a self-assessment of the factors behind back pain in fibromyalgia."""

__version__ = "0.1.0"
