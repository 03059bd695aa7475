#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DRAMA_TYPE_EPISODE_NEWS (drama_episode_news_get_type ())

/* A small "2 articles" button for an episode row: its popover lists the titles of the
 * articles that name the episode (recaps, previews, ratings news); clicking one opens it
 * in the window's article view (asking first when it may spoil). Hidden with no articles.
 * Fill it from drama_related_index_episode_articles(). */
G_DECLARE_FINAL_TYPE (DramaEpisodeNews, drama_episode_news, DRAMA, EPISODE_NEWS, GtkWidget)

DramaEpisodeNews *drama_episode_news_new            (void);
/* articles: GPtrArray of DramaArticle (spoiler-episode filled), or NULL for none. */
void              drama_episode_news_set_articles   (DramaEpisodeNews *self,
                                                     GPtrArray        *articles);
guint             drama_episode_news_get_n_articles (DramaEpisodeNews *self);

/* Gives an episode row (an AdwActionRow) its news button, made on first use and kept as a
 * suffix of the row; articles NULL or empty hides it. Returns the button. */
DramaEpisodeNews *drama_episode_news_attach         (AdwActionRow     *row,
                                                     GPtrArray        *articles);

G_END_DECLS
