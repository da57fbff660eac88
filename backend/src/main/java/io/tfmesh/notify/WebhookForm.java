package io.tfmesh.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The webhook form of the admin pages; the secret field is always shown empty. */
public class WebhookForm {

	static final Map<String, String> FIELDS = Map.of("name", "name", "url", "url", "events", "events", "secret",
			"secret", "enabled", "enabled", "version", "name");

	private String name = "";

	private String url = "";

	private List<String> events = new ArrayList<>();

	private String secret = "";

	private boolean enabled = true;

	private @Nullable Long version;

	static WebhookForm of(WebhookView webhook) {
		WebhookForm form = new WebhookForm();
		form.name = webhook.name();
		form.url = webhook.url();
		form.events = new ArrayList<>(webhook.events());
		form.enabled = webhook.enabled();
		form.version = webhook.version();
		return form;
	}

	/** An empty secret keeps the stored one when editing. */
	WebhookRequest toRequest() {
		return new WebhookRequest(name == null ? null : name.strip(), url == null ? null : url.strip(),
				events == null ? List.of() : List.copyOf(events), secret == null || secret.isEmpty() ? null : secret,
				enabled, version);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getUrl() {
		return url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public List<String> getEvents() {
		return events;
	}

	public void setEvents(List<String> events) {
		this.events = events;
	}

	/** Never the stored secret: that is not read back. */
	public String getSecret() {
		return "";
	}

	public void setSecret(String secret) {
		this.secret = secret;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Long getVersion() {
		return version;
	}

	public void setVersion(@Nullable Long version) {
		this.version = version;
	}

}
