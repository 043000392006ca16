"""The drawings (family tree, circles, timeline), made from the book model as SVG."""
