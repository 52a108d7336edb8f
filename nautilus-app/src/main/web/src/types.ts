// Shapes of what the Backend API and the WebSocket engine send (see /openapi.json and the
// WebSocket protocol of the websocket engine).

export interface BusEvent {
  id: string;
  topic: string;
  messageType: string;
  priority: string;
  sourceEngine: string;
  timestamp: number; // Unix seconds
  payload: any;
}

export interface Alert {
  kind: string;
  event: BusEvent;
}

/** One frame of the WebSocket engine: {"type":"message",...}, "subscribed", "heartbeat", "pong", "dropped", "error". */
export interface WsFrame {
  type: string;
  topic?: string;
  message_type?: string;
  priority?: string;
  source_engine?: string;
  timestamp?: number;
  id?: string;
  payload?: any;
  patterns?: string[];
  count?: number;
  error?: string;
}

export interface DashboardConfig {
  apiPort: number;
  webSocketPort: number;
}

/** A WebSocket message frame in the API's BusEvent shape. */
export function eventOfFrame(frame: WsFrame): BusEvent {
  return {
    id: frame.id ?? '',
    topic: frame.topic ?? '',
    messageType: frame.message_type ?? '',
    priority: frame.priority ?? 'normal',
    sourceEngine: frame.source_engine ?? '',
    timestamp: frame.timestamp ?? Date.now() / 1000,
    payload: frame.payload ?? {},
  };
}

/** The alert kind of a topic, as the API names it; null when the topic carries no alert. */
export function alertKindOf(topic: string): string | null {
  if (topic.startsWith('risk.alert.')) return topic.substring('risk.alert.'.length);
  if (topic.startsWith('margin.alert.')) return 'margin_call';
  if (topic.startsWith('toxicity.alert.')) return 'toxicity';
  return null;
}
