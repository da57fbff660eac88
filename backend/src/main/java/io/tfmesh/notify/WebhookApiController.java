package io.tfmesh.notify;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.Versions;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks",
		description = "Endpoints that receive signed events, and their deliveries (admins only; secrets are never returned)")
class WebhookApiController {

	private final WebhookService webhooks;

	WebhookApiController(WebhookService webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping
	PageView<WebhookView> list(@RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return webhooks.list(PageQuery.of(page, size));
	}

	@GetMapping("/{id}")
	ResponseEntity<WebhookView> get(@PathVariable long id) {
		WebhookView webhook = webhooks.get(id);
		return ResponseEntity.ok().eTag(Versions.etag(webhook.version())).body(webhook);
	}

	@PostMapping
	ResponseEntity<WebhookView> create(@Valid @RequestBody WebhookRequest request) {
		WebhookView webhook = webhooks.create(request);
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + webhook.id()))
			.eTag(Versions.etag(webhook.version()))
			.body(webhook);
	}

	@PutMapping("/{id}")
	ResponseEntity<WebhookView> update(@PathVariable long id, @Valid @RequestBody WebhookRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		WebhookView webhook = webhooks.update(id, request, Versions.expected(ifMatch, request.version()));
		return ResponseEntity.ok().eTag(Versions.etag(webhook.version())).body(webhook);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		webhooks.delete(id);
		return ResponseEntity.noContent().build();
	}

	/** @param state {@code pending}, {@code delivered} or {@code failed}; all when absent */
	@GetMapping("/{id}/deliveries")
	PageView<DeliveryView> deliveries(@PathVariable long id, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return webhooks.deliveries(id, state, PageQuery.of(page, size));
	}

	/** Queues a test event for the webhook; its delivery shows in the webhook's deliveries. */
	@PostMapping("/{id}/test")
	ResponseEntity<Map<String, String>> test(@PathVariable long id) {
		UUID event = webhooks.sendTest(id);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(Map.of("eventId", event.toString(), "deliveries", "/api/v1/webhooks/" + id + "/deliveries"));
	}

}
