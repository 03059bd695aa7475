#pragma once

/* Drama titles named by casting news. An article about an actor the user follows often
 * names a drama that is not on the watchlist yet: "IU confirmed to lead new drama
 * “Lantern Street Diaries”", "아이유, 새 드라마 '등불 거리 일기' 주연 확정",
 * "박보영, 넷플릭스 <멜로무비> 출연 물망". These find such titles so that the app can look
 * them up on TVmaze and offer them.
 *
 * A title counts when it is quoted (“…” "…" ‘…’ '…' «…» 《…》 〈…〉 「…」 『…』 <…>), has the
 * shape of a title (1–60 characters, a letter, English words in title case, no sentence
 * inside), is not speech (“I was so happy…,” she said; “…”라고 말했다) and stands in a
 * casting or production context in its sentence (drama, series, cast, starring, tvN,
 * 드라마, 출연, 주연, 캐스팅…), unless a film, song, album, musical or book is named nearer
 * to it than a drama or series is. A title the article calls a film (or a song…) anywhere
 * is not offered at all: "Kim Go-eun in talks for new dramas after 'Exhuma' success" over
 * "…cast in the film 'Exhuma'". No GTK, no store: the caller looks the titles up. */

#include <glib.h>

G_BEGIN_DECLS

/* At most this many titles from one article. */
#define DRAMA_CASTING_TITLES_MAX 5

/* title, text: the article's title and plain text (either may be NULL). known_titles:
 * NULL-terminated titles not to offer (the watchlist's titles, original titles and akas),
 * compared ignoring case, spaces and punctuation; a title that is one of them followed by a
 * season number ("Hospital Playlist 2", "Hospital Playlist Season 2") is skipped too. May
 * be NULL.
 * Returns a GPtrArray of newly allocated NFC strings (freed with the array), each title
 * once (case-insensitive), the article's title first, then the text, in the order found, at
 * most DRAMA_CASTING_TITLES_MAX. Never NULL. */
GPtrArray *drama_casting_titles_find (const char         *title,
                                      const char         *text,
                                      const char * const *known_titles);

G_END_DECLS
