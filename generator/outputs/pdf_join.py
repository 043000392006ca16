"""One book from the PDFs of its parts, as if WeasyPrint had written it in one go.

The book is laid out part by part (outputs/pdf_parts.py), so that an edit lays out again only
the part it changed. Each part is a complete tagged PDF/A of its own; joined, the book must
still be one: its pages in order, one structure tree (the parts' elements under one Document,
their marked-content keys renumbered), one outline built again from every part's headings by
their levels, one set of named destinations, and the links between parts made links inside
the book. The catalog (language, output intent, XMP metadata) is the first part's: WeasyPrint
wrote the same into every part.
"""

from __future__ import annotations

from pathlib import Path

LINK = "https://part.journeybook.invalid/#"  # a link to an anchor that may be in another part
# (not the book's own address, pdf.BASE_URL: WeasyPrint would take it for this part's own)


def join(parts: list[Path], target: Path, levels: list[list[int]]) -> list[str]:
    """Write the parts' pages, in order, as one PDF at target (the same bytes each time);
    levels are each part's headings' levels in the book's outline, in order. Returns the
    anchors that links lead to and no part holds (a link that would lead nowhere)."""
    import pikepdf

    with pikepdf.open(parts[0]) as book:
        joined = _Joined(book)
        joined.take(book, levels[0], first=True)
        others = [pikepdf.open(part) for part in parts[1:]]
        try:
            for part, its_levels in zip(others, levels[1:], strict=True):
                joined.take(part, its_levels)
            missing = joined.finish()
            book.save(target, deterministic_id=True)
        finally:
            for part in others:
                part.close()
    return missing


class _Joined:
    """What is gathered from the parts as their pages are added to the book."""

    def __init__(self, book):
        self.book = book
        root = book.Root.get("/StructTreeRoot")
        self.document = root.K[0] if root is not None else None
        self.nums: list = []
        self.next_key = 0
        self.dests: dict[str, object] = {}
        self.headings: list[tuple[int, str, int, list]] = []  # level, title, page, place
        self.linked: set[str] = set()  # the anchors links lead to

    def take(self, part, levels: list[int], first: bool = False) -> None:
        """Add a part's pages (unless it is the book itself), its structure, destinations and
        headings."""
        import pikepdf

        start = 0 if first else len(self.book.pages)
        if not first:
            self.book.pages.extend(part.pages)
        pages = {page.obj.objgen: start + number for number, page in enumerate(part.pages)}
        offset = self.next_key
        self._structure(part, offset, first)
        for number in range(len(part.pages)):
            page = self.book.pages[start + number].obj
            if "/StructParents" in page:
                page.StructParents = int(page.StructParents) + offset
            for annotation in page.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
                action = annotation.get("/A")
                if action is not None and str(action.get("/URI", "")).startswith(LINK):
                    name = str(action.URI)[len(LINK):]
                    annotation.Dest = pikepdf.String(name)
                    if "/Contents" in annotation:  # what a screen reader says of it
                        annotation.Contents = pikepdf.String(name)
                    del annotation["/A"]
                    self.linked.add(name)
        names = part.Root.get("/Names", {}).get("/Dests", {}).get("/Names", [])
        for name, place in zip(names[::2], names[1::2], strict=True):
            self.dests[str(name)] = (pages[place[0].objgen], list(place[1:]))
        outlines = part.Root.get("/Outlines")
        found: list[tuple[int, str, int, list]] = []
        if outlines is not None and "/First" in outlines:
            self._headings(outlines.First, 1, pages, found)
        if len(found) == len(levels):  # the heading's own level, not its depth in this part
            found = [(level, *rest) for level, (_depth, *rest) in zip(levels, found,
                                                                       strict=True)]
        self.headings += found

    def _structure(self, part, offset: int, first: bool) -> None:
        root = part.Root.get("/StructTreeRoot")
        if root is None or self.document is None:
            return
        if not first:
            for kid in root.K[0].K:
                copied = self.book.copy_foreign(_indirect(part, kid))
                copied.P = self.document
                self.document.K.append(copied)
        nums = root.ParentTree.Nums
        for key, value in zip(nums[::2], nums[1::2], strict=True):
            self.nums += [int(key) + offset,
                          value if first else self.book.copy_foreign(_indirect(part, value))]
            self.next_key = max(self.next_key, int(key) + offset + 1)

    def _headings(self, item, depth: int, pages: dict, found: list) -> None:
        while item is not None:
            place = item.Dest
            found.append((depth, str(item.Title), pages[place[0].objgen], list(place[1:])))
            if "/First" in item:
                self._headings(item.First, depth + 1, pages, found)
            item = item.get("/Next")

    def finish(self) -> list[str]:
        """Write what was gathered into the book's catalog; return the anchors linked to
        that no part holds."""
        import pikepdf

        book = self.book
        if self.document is not None:
            tree = book.Root.StructTreeRoot
            tree.ParentTree = book.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(self.nums)))
            tree.ParentTreeNextKey = self.next_key
        if self.dests:
            names = pikepdf.Array()
            for name in sorted(self.dests):  # a name tree's names are sorted
                page, place = self.dests[name]
                names.append(pikepdf.String(name))
                names.append(pikepdf.Array([book.pages[page].obj, *place]))
            book.Root.Names = pikepdf.Dictionary(
                Dests=book.make_indirect(pikepdf.Dictionary(Names=names)))
        self._outline()
        _distinct_subsets(book)
        return sorted(self.linked - set(self.dests))

    def _outline(self) -> None:
        import pikepdf

        book = self.book
        if "/Outlines" in book.Root:
            del book.Root["/Outlines"]
        if not self.headings:
            return
        with book.open_outline() as outline:
            stack: list[tuple[int, pikepdf.OutlineItem]] = []
            for level, title, page, place in self.headings:
                item = pikepdf.OutlineItem(title)
                item.destination = pikepdf.Array([book.pages[page].obj, *place])
                while stack and stack[-1][0] >= level:
                    stack.pop()
                (stack[-1][1].children if stack else outline.root).append(item)
                stack.append((level, item))


def _distinct_subsets(book) -> None:
    """Each part embeds its own subset of a font under the same name (WeasyPrint makes the
    six-letter tag from the font, not from the glyphs kept): a file must name different
    subsets differently, so each is tagged again from a hash of its glyphs' file."""
    import hashlib

    import pikepdf

    for font in book.objects:
        if not isinstance(font, pikepdf.Dictionary) or font.get("/Type") != "/FontDescriptor":
            continue
        program = next((font[key] for key in ("/FontFile2", "/FontFile3", "/FontFile")
                        if key in font), None)
        name = str(font.get("/FontName", ""))
        if program is None or len(name) < 8 or name[7] != "+":
            continue
        digest = hashlib.sha256(program.read_raw_bytes()).digest()
        tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        font.FontName = pikepdf.Name(f"/{tag}{name[7:]}")
    for font in book.objects:
        if isinstance(font, pikepdf.Dictionary) and font.get("/Type") == "/Font":
            described = font.get("/FontDescriptor")
            if described is None and "/DescendantFonts" in font:
                described = font.DescendantFonts[0].get("/FontDescriptor")
            if described is not None and "/FontName" in described:
                font.BaseFont = described.FontName


def _indirect(pdf, value):
    """The object itself, made indirect if it was written in place (only those are copied)."""
    return value if value.is_indirect else pdf.make_indirect(value)
