package dev.nautilus.app.api;

import dev.nautilus.bus.MessageBus;
import dev.nautilus.store.Store;
import java.util.Optional;

/** What the API answers from. */
record ApiSources(
        MessageBus bus,
        LiveView view,
        EngineHealthProbe engines,
        BusStatusReport busStatus,
        DeadLetterDesk deadLetters,
        Optional<Store> store) {}
