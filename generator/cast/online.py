"""Contact details online and on a map: links to social networks and messaging apps, handles
(with their @, or after the network's name), an email without its ending, map places."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.cast.found import EMAIL, HANDLE, PLACE, SOCIAL_LINK, Found, found_in

# --- Social networks and messaging apps -----------------------------------------------------

SOCIAL_DOMAINS = [
    "facebook.com", "fb.com", "fb.me", "fb.watch", "m.me", "messenger.com", "instagram.com",
    "instagr.am", "ig.me", "threads.net", "threads.com", "tiktok.com", "snapchat.com",
    "snap.com", "x.com", "twitter.com", "t.co", "youtube.com", "youtu.be", "linkedin.com",
    "lnkd.in", "whatsapp.com", "wa.me", "t.me", "telegram.me", "telegram.org", "telegram.dog",
    "discord.com", "discord.gg", "discordapp.com", "onlyfans.com", "fansly.com", "reddit.com",
    "redd.it", "tumblr.com", "pinterest.com", "pinterest.co.uk", "pin.it", "twitch.tv",
    "bsky.app", "bsky.social", "mastodon.social", "kik.me", "kik.com", "signal.me",
    "signal.group", "vk.com", "ok.ru", "line.me", "viber.com", "skype.com", "wechat.com",
    "weixin.qq.com", "qq.com", "linktr.ee", "patreon.com", "soundcloud.com", "vimeo.com",
    "steamcommunity.com", "roblox.com", "yubo.live", "bereal.com", "ask.fm", "tellonym.me",
    "ngl.link", "wattpad.com", "deviantart.com", "tinder.com", "grindr.com", "bumble.com",
    "hinge.co", "badoo.com", "omegle.com", "monkey.app", "likee.video", "triller.co",
    "truthsocial.com", "gab.com", "myspace.com", "flickr.com", "quora.com", "substack.com",
    "medium.com",
]
_DOMAINS = "|".join(sorted((re.escape(d) for d in SOCIAL_DOMAINS), key=len, reverse=True))
SOCIAL = re.compile(
    rf"(?<![\w.@/-])(?:https?://)?(?:[\w-]+\.)*(?:{_DOMAINS})(?![\w-])(?:/[^\s<>\"'`]*)?",
    re.IGNORECASE)


def social_links(text: str) -> Iterator[tuple[str, Found]]:
    for match in SOCIAL.finditer(text):
        # The full stop or bracket that ends the sentence is not part of the link.
        link = match.group().rstrip(".,;:!?)]}")
        yield SOCIAL_LINK, found_in(text, match.start(), match.start() + len(link))


# An "@name" with at least one letter, not the "@" of an email ("sam@example.org"), not "@ 3".
HANDLE_PATTERN = re.compile(
    r"(?<![\w@.+-])@(?=[\w.]*[A-Za-z])\w(?:[\w.]{0,28}\w)?(?![\w@-])")


def handles(text: str) -> Iterator[tuple[str, Found]]:
    for match in HANDLE_PATTERN.finditer(text):
        yield HANDLE, found_in(text, match.start(), match.end())


# A handle written without its @, after the network's name: "snap: big_c_1987", "his insta is
# fenners_77", "discord fenners#1234". A handle has a digit, an underscore, a dot or a # in it;
# "insta is fun" has none. And an email without its ending: "fenners77 at gmail".
NETWORKS = ("snapchat|snap|instagram|insta|tiktok|discord|twitter|threads|facebook|kik|"
            "whatsapp|telegram|roblox|xbox|psn|playstation|steam|twitch|youtube|bereal|signal|"
            "minecraft|fortnite|epic")
NAMED_HANDLE = re.compile(
    rf"(?i)\b(?:{NETWORKS})(?:\s+(?:name|handle|id|username|tag|account))?\s*(?:[:=\-–]|"
    rf"\s(?:is|=|on|at|me|@))?\s*(?:is\s+)?@?(?P<handle>[A-Za-z0-9][\w.#-]{{1,30}}[A-Za-z0-9])")
MAIL_PROVIDER = re.compile(
    r"(?i)(?<![\w.+-])[\w.+-]{3,}\s+(?:at|@)\s+(?:gmail|googlemail|hotmail|outlook|yahoo|"
    r"icloud|live|aol|protonmail|proton|btinternet|sky|virginmedia|msn|ymail)\b")


def named_handles(text: str) -> Iterator[tuple[str, Found]]:
    for match in NAMED_HANDLE.finditer(text):
        handle = match.group("handle")
        if text[match.start("handle") - 1] == "@":
            continue  # an @handle, found as one
        if re.search(r"[\d_.#]", handle) and not re.fullmatch(r"[\d.]+", handle):
            yield HANDLE, found_in(text, match.start(), match.end())
    for match in MAIL_PROVIDER.finditer(text):
        yield EMAIL, found_in(text, match.start(), match.end())


# A place on a map: decimal coordinates ("53.4808, -2.2426") or a what3words address
# ("///index.home.raft").
MAP_PLACE = re.compile(
    r"///[a-z]+\.[a-z]+\.[a-z]+|(?<![\w.])-?\d{1,2}\.\d{3,}°?\s*[NS]?\s*,\s*-?\d{1,3}\.\d{3,}°?"
    r"\s*[EW]?(?![\w.])", re.IGNORECASE)


def map_places(text: str) -> Iterator[tuple[str, Found]]:
    for match in MAP_PLACE.finditer(text):
        yield PLACE, found_in(text, match.start(), match.end())
