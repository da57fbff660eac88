package io.tfmesh.system.security;

import java.io.IOException;
import java.util.List;

import io.tfmesh.system.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** The API's answers to missing credentials (401) and missing rights (403), as problem details. */
class ProblemResponses {

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	AuthenticationEntryPoint unauthenticated() {
		return (request, response, ex) -> {
			if (ex instanceof InternalAuthenticationServiceException) {
				// the credentials could not be checked (the database is unreachable): not a wrong password
				response.setHeader(HttpHeaders.RETRY_AFTER, "5");
				write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
						"tfmesh cannot check credentials now: its database is unreachable. Try again in a few seconds.");
				return;
			}
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tfmesh\", Bearer realm=\"tfmesh\"");
			write(request, response, HttpStatus.UNAUTHORIZED,
					"Authenticate with HTTP Basic or a personal API token (Authorization: Bearer tfm_...)");
		};
	}

	AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(request, response, HttpStatus.FORBIDDEN,
				"Your role does not allow " + request.getMethod() + " " + request.getRequestURI());
	}

	void tooManyAttempts(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		write(request, response, HttpStatus.TOO_MANY_REQUESTS, detail);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		write(request, response, status, Problems.typeFor(status), detail);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String detail) throws IOException {
		Problems.write(request, response, json, status, type, detail, List.of());
	}

}
