"""After changing a built-in word: write theme/locales/journeybook.pot again, and bring every
language's catalogue up to date with it (new words come in untranslated, for a translator;
tests/test_words.py fails until every shipped language has them all).

    .venv/bin/python scripts/update_words.py
"""

from __future__ import annotations

from babel.messages.pofile import read_po, write_po

from generator.core import words


def main() -> None:
    words.write_template()
    template = words.extracted()
    for language in words.shipped()[1:]:
        path = words.catalogue(language)
        with path.open("rb") as file:
            catalogue = read_po(file, locale=language.replace("-", "_"))
        catalogue.update(template, no_fuzzy_matching=True)
        with path.open("wb") as file:
            write_po(file, catalogue, sort_output=True, width=100, ignore_obsolete=True)
        missing = [m.id for m in catalogue if m.id and not m.string]
        print(f"{path}: {len(missing)} word(s) to translate")


if __name__ == "__main__":
    main()
