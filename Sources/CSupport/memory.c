#include <malloc.h>
#include "CSupport.h"

void portraits_release_free_memory(void) {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
