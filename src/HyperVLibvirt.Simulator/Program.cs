// Entry point; the wire half replaces this with the real command line.
return 0;
