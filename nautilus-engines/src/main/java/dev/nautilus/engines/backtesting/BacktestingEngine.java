package dev.nautilus.engines.backtesting;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.Message;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Backtesting engine (8110): answers each {@link BacktestRequest} with a {@link BacktestReply},
 * one request at a time, in arrival order. A request that cannot run is answered with its reason,
 * never left without a reply.
 */
public final class BacktestingEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(BacktestingEngine.class);

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.BACKTESTING);
    private final Backtester backtester;
    private BusEndpoint endpoint;

    /** @param backtester what runs a backtest */
    public BacktestingEngine(Backtester backtester) {
        this.backtester = backtester;
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        endpoint = context.endpoint();
    }

    @Override
    public void onMessage(Message message) {
        if (message.replyTo() == null) {
            LOG.warn("backtest request without a reply topic id={} topic={}: ignored", message.id(), message.topic());
            return;
        }
        BacktestRequest request = message.payloadAs(BacktestRequest.class);
        BacktestReply reply;
        try {
            reply = backtester.run(request);
            LOG.info(
                    "backtest done data={} fast={} slow={} bars={}",
                    request.data(),
                    request.fast(),
                    request.slow(),
                    reply.bars());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = BacktestReply.failed(request, "interrupted");
        } catch (Exception e) {
            LOG.warn(
                    "backtest failed data={} fast={} slow={} reason={}",
                    request.data(),
                    request.fast(),
                    request.slow(),
                    e.toString());
            reply = BacktestReply.failed(request, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        endpoint.reply(message, reply);
    }
}
