/* Deliberately empty: the ICU headers are included only by CICUShim's .c files.
   This module exists so that SwiftPM finds ICU through pkg-config and links it. */
