"""The pipeline's stages, one module each, in the order build.py runs them."""
