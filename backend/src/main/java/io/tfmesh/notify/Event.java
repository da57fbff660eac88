package io.tfmesh.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * An event as webhooks receive it: {@code {"id","type","occurredAt","data":{...}}}. The id is
 * the same for every webhook and every attempt, so that a receiver can drop repeats.
 */
record Event(UUID id, EventType type, Instant occurredAt, Map<String, Object> data) {

	String json(JsonMapper json) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id.toString());
		body.put("type", type.id());
		body.put("occurredAt", occurredAt.toString());
		body.put("data", data);
		return json.writeValueAsString(body);
	}

}
