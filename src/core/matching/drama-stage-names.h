#pragma once

/* Stage names learned from the news. Drama news names actors by names TVmaze does not
 * know: "Dan (played by INFINITE's L)" where TVmaze says "Kim Myung-soo as Dan". Given an
 * article tied to a show and that show's cast (characters and actors), these find the
 * names the article gives a character's actor:
 *   "Dan (played by INFINITE's L)", "INFINITE's L as Dan", "L, who plays Dan",
 *   "Dan, played by L"; in Korean "단 역의 엘", "엘(단 역)".
 * A proposal names the actor (the cast member playing that character), the name, and the
 * group when the article gives one ("INFINITE" of "INFINITE's L", so that the whole
 * "INFINITE's L" can be known too). None when two actors play the character, when the name
 * is already one of the actor's, or when the character's name is also a common word
 * ("Will", "Hope") and nothing else in the article ties it to the show (its title or the
 * actor's own name). No GTK, no store: the caller decides what to keep. */

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  gint64  person_id;   /* the actor, as the cast gives it */
  char   *name;        /* "L" */
  char   *group;       /* "INFINITE", or NULL */
  char   *character;   /* "Dan": the character it was found with */
} DramaStageName;

void drama_stage_name_free (DramaStageName *proposal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaStageName, drama_stage_name_free)

/* text: the article's title and plain text. cast: DramaPerson with id, name, aliases and
 * character (drama_store_list_cast ()). show_names: the show's title and other titles
 * (NULL-terminated), what ties a common-word character to the show. Returns a GPtrArray of
 * DramaStageName, each name once per actor, in the order found. */
GPtrArray *drama_stage_names_find (const char         *text,
                                   GPtrArray          *cast,
                                   const char * const *show_names);

G_END_DECLS
