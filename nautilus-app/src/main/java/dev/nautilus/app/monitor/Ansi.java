package dev.nautilus.app.monitor;

/** The few ANSI escape sequences the live monitor uses; every terminal Nautilus runs in knows them. */
final class Ansi {

    /** Cursor to the top left, then clear the screen: redraw in place instead of scrolling. */
    static final String CLEAR_SCREEN = "\033[H\033[2J";

    static final String HIDE_CURSOR = "\033[?25l";
    static final String SHOW_CURSOR = "\033[?25h";
    static final String BOLD = "\033[1m";
    static final String RED = "\033[1;31m";
    static final String RESET = "\033[0m";

    private Ansi() {}
}
