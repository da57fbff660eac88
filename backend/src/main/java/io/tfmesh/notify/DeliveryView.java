package io.tfmesh.notify;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One event for one webhook and what became of it.
 *
 * @param eventId the id in the payload and in the {@code X-Tfmesh-Event-Id} header, the same on
 * every attempt
 * @param state {@code pending}, {@code delivered} or {@code failed} (given up)
 * @param lastStatus the HTTP status of the last answer, null when there was none
 * @param lastError why the last attempt failed, null when it did not
 * @param nextAttemptAt when it is tried next, null once delivered or given up
 */
public record DeliveryView(long id, long webhookId, UUID eventId, String eventType, String state, int attempts,
		Instant createdAt, @Nullable Instant lastAttemptAt, @Nullable Integer lastStatus, @Nullable String lastError,
		@Nullable Instant nextAttemptAt, @Nullable Instant deliveredAt) {
}
