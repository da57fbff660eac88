package io.tfmesh.user;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "API tokens", description = "The caller's own personal API tokens")
class TokenApiController {

	private final ApiTokenService tokens;

	TokenApiController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping
	List<ApiTokenView> list(Principal caller) {
		return tokens.list(caller.getName());
	}

	@PostMapping
	@Operation(summary = "Create a token",
			description = "The answer holds the token's value; it is shown this once and stored only as a hash.")
	ResponseEntity<CreatedApiToken> create(@Valid @RequestBody CreateApiTokenRequest request, Principal caller) {
		CreatedApiToken created = tokens.create(caller.getName(), request);
		return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.details().id())).body(created);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a token")
	ResponseEntity<Void> revoke(@PathVariable long id, Principal caller) {
		tokens.revoke(caller.getName(), id);
		return ResponseEntity.noContent().build();
	}

}
