package io.tfmesh.notify;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as pages and the API show it. Its secret is never part of it.
 *
 * @param events the ids of the event types it receives
 * @param pending deliveries still to be sent
 * @param failed deliveries given up
 */
public record WebhookView(long id, String name, String url, List<String> events, boolean enabled,
		Instant createdAt, Instant updatedAt, long version, long pending, long failed) {
}
