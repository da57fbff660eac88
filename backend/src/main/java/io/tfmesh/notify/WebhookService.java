package io.tfmesh.notify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.secret.SecretCipher;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.error.StaleVersionException;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhooks, configured by admins. The secret is sealed with tfmesh's secret key as it arrives
 * and is only ever opened to sign a payload; views and the audit log say only that it changed.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class WebhookService {

	static final String KIND = "webhook";

	/** The purpose the secret is sealed under. */
	static final String SECRET = "webhook.secret";

	private final WebhookStore webhooks;

	private final DeliveryStore deliveries;

	private final EventOutbox outbox;

	private final SecretCipher cipher;

	private final AuditLog audit;

	private final Clock clock;

	WebhookService(WebhookStore webhooks, DeliveryStore deliveries, EventOutbox outbox, SecretCipher cipher,
			AuditLog audit, Clock clock) {
		this.webhooks = webhooks;
		this.deliveries = deliveries;
		this.outbox = outbox;
		this.cipher = cipher;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public PageView<WebhookView> list(PageQuery page) {
		return webhooks.list(page);
	}

	@Transactional(readOnly = true)
	public WebhookView get(long id) {
		return webhooks.find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	@Transactional
	public WebhookView create(WebhookRequest request) {
		List<String> events = events(request.events());
		if (request.secret() == null || request.secret().isBlank()) {
			throw new InvalidInputException("secret", "must not be blank");
		}
		String name = request.name().strip();
		checkName(name, null);
		long id = webhooks.insert(name, request.url().strip(), events, cipher.encrypt(request.secret(), SECRET),
				request.enabled() == null || request.enabled(), clock.instant());
		WebhookView created = get(id);
		audit.record(AuditAction.CREATE, KIND, id, created.name(), null, auditView(created), "secret");
		return created;
	}

	@Transactional
	public WebhookView update(long id, WebhookRequest request, long expectedVersion) {
		WebhookView before = get(id);
		List<String> events = events(request.events());
		if (before.version() != expectedVersion) {
			throw new StaleVersionException(KIND, id, expectedVersion, before.version());
		}
		String name = request.name().strip();
		checkName(name, id);
		byte[] secret = request.secret() == null ? null : cipher.encrypt(request.secret(), SECRET);
		if (!webhooks.update(id, expectedVersion, name, request.url().strip(), events, secret,
				request.enabled() == null ? before.enabled() : request.enabled(), clock.instant())) {
			throw new StaleVersionException(KIND, id, expectedVersion, get(id).version());
		}
		WebhookView after = get(id);
		if (secret != null) {
			audit.record(AuditAction.UPDATE, KIND, id, after.name(), auditView(before), auditView(after), "secret");
		}
		else {
			audit.record(AuditAction.UPDATE, KIND, id, after.name(), auditView(before), auditView(after));
		}
		return after;
	}

	@Transactional
	public void delete(long id) {
		WebhookView webhook = get(id);
		webhooks.delete(id);
		audit.record(AuditAction.DELETE, KIND, id, webhook.name(), auditView(webhook), null);
	}

	/** Queues a test event for the webhook; it is sent like any other, retries included. */
	@Transactional
	public UUID sendTest(long id) {
		WebhookView webhook = get(id);
		if (!webhook.enabled()) {
			throw new ConflictException("Webhook " + webhook.name() + " is disabled; enable it to send a test event");
		}
		return outbox.test(webhook, AuditLog.currentActor());
	}

	/** @param state {@code pending}, {@code delivered} or {@code failed}; null for all */
	@Transactional(readOnly = true)
	public PageView<DeliveryView> deliveries(long id, @Nullable String state, PageQuery page) {
		get(id);
		if (state != null && !List.of("pending", "delivered", "failed").contains(state)) {
			throw new InvalidInputException("state", "must be pending, delivered or failed");
		}
		return deliveries.list(id, state, page);
	}

	private void checkName(String name, @Nullable Long except) {
		if (webhooks.nameTaken(name, except)) {
			throw new ConflictException("name", "A webhook named " + name + " exists already");
		}
	}

	/** The event type ids, checked and without repeats, in the order of the types. */
	private static List<String> events(List<String> requested) {
		List<FieldProblem> problems = new ArrayList<>();
		LinkedHashSet<EventType> types = new LinkedHashSet<>();
		for (int i = 0; i < requested.size(); i++) {
			String id = requested.get(i);
			EventType type = id == null ? null : EventType.of(id.strip()).filter(EventType::subscribable).orElse(null);
			if (type == null) {
				problems.add(new FieldProblem("events[" + i + "]", "is not an event type; use one of "
						+ String.join(", ", subscribable())));
			}
			else {
				types.add(type);
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return types.stream().sorted().map(EventType::id).toList();
	}

	static List<String> subscribable() {
		return Arrays.stream(EventType.values()).filter(EventType::subscribable).map(EventType::id).toList();
	}

	private static Map<String, Object> auditView(WebhookView webhook) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("url", webhook.url());
		view.put("events", webhook.events());
		view.put("enabled", webhook.enabled());
		return view;
	}

}
