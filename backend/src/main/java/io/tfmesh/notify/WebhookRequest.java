package io.tfmesh.notify;

import java.util.List;

import io.tfmesh.system.validation.HttpUrl;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A webhook to create or to replace.
 *
 * @param events ids of the event types to receive, at least one
 * @param secret the key of the signature; required when creating, kept when null on
 * a change
 * @param enabled null keeps it (enabled when creating)
 * @param version the version a change is based on, unless given in If-Match
 */
public record WebhookRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]*",
				message = "may hold letters, digits, spaces and . _ -, starting with a letter or digit") String name,
		@NotBlank @Size(max = 2000) @HttpUrl String url,
		@NotEmpty @Size(max = 10) List<@NotNull String> events,
		@Nullable @Size(min = 16, max = 256) String secret,
		@Nullable Boolean enabled,
		@Nullable Long version) {

	@Override
	public String toString() {
		// a request is never logged with its secret
		return "WebhookRequest[name=" + name + ", url=" + url + ", events=" + events + ", enabled=" + enabled + "]";
	}

}
