"""The drawings' layouts (family tree, circles, photo pages), made from the safe cast; the model
places them and render draws them as SVG."""
