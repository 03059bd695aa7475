/* fake-server: owned by the TVmaze/fake-server work. */
#include "config.h"
