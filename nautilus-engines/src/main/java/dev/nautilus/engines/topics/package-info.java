/**
 * Where every topic is built: one switchboard per domain ({@link dev.nautilus.engines.topics.MarketDataTopics},
 * {@link dev.nautilus.engines.topics.VpinTopics}, …), each a set of {@link dev.nautilus.engines.topics.TopicFamily
 * topic families} and the domain's patterns. Engines, the engine matrix and the app's faces build
 * topics and patterns only here, so a topic's spelling lives in one place. Depends on nothing but the JDK,
 * so engine packages and the host can all use it without depending on one another.
 */
package dev.nautilus.engines.topics;
