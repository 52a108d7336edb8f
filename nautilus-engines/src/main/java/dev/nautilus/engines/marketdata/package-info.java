/**
 * Market-data domain and its pure computations: trades, quotes and bars, validation, CSV loading,
 * time-bar aggregation, the last-value cache and a deterministic synthetic feed.
 *
 * <p>Conventions for the whole {@code dev.nautilus.engines} tree:
 * <ul>
 *   <li>Timestamps are epoch <b>microseconds</b> (UTC) in a {@code long}.</li>
 *   <li>Prices and sizes of market data are {@code double}: they are inputs to statistics, and a
 *       double carries 15–16 significant digits, far more than any venue quotes (Bitstamp: 2 decimals
 *       of USD, 8 of BTC). Cash and positions are held in {@link java.math.BigDecimal} by the
 *       portfolio, which converts prices with {@link java.math.BigDecimal#valueOf(double)} (the
 *       shortest decimal that round-trips, so {@code 800.01} stays {@code 800.01}).</li>
 *   <li>Nothing here knows about the message bus; engines wrap these classes.</li>
 * </ul>
 */
package dev.nautilus.engines.marketdata;
