package dev.nautilus.engines.marketdata;

/**
 * A row of a CSV file that could not be used.
 *
 * @param lineNumber 1-based line number in the file (the header is line 1)
 * @param line       the raw text of the line
 * @param reason     why it was not used, naming the column or field
 */
public record CsvRowError(long lineNumber, String line, String reason) {}
