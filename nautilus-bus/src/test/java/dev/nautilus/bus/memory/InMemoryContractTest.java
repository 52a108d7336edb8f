package dev.nautilus.bus.memory;

import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.TransportContractTest;

class InMemoryContractTest extends TransportContractTest {

    @Override
    protected MessageBus createBus(int maxDeliveries) {
        return InMemoryTransport.dualBus(
                RoutingTable.defaults(), InMemoryConfig.defaults().withMaxDeliveries(maxDeliveries));
    }
}
