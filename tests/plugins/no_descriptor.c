/* A shared object that is not a briefing plugin: no descriptor. */
int not_a_plugin(void);
int not_a_plugin(void) { return 42; }
