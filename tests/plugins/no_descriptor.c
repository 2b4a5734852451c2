/* A shared object that is not a briefing plugin: no descriptor.  Refused
 * from its dynamic symbols, before it is loaded: its constructor never runs. */
#include "marker.h"

TEST_MARKER("no_descriptor")

int not_a_plugin(void);
int not_a_plugin(void) { return 42; }
