package io.tfmesh.user;

import java.net.URI;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.Versions;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
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
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "Accounts and their roles (admins only)")
class UserApiController {

	private final UserService users;

	UserApiController(UserService users) {
		this.users = users;
	}

	@GetMapping
	PageView<UserView> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) @Nullable String sort) {
		return users.list(q, PageQuery.of(page, size), ListSort.of(sort, UserService.SORT_COLUMNS));
	}

	@GetMapping("/{id}")
	ResponseEntity<UserView> get(@PathVariable long id) {
		UserView user = users.get(id);
		return ResponseEntity.ok().eTag(Versions.etag(user.version())).body(user);
	}

	@PostMapping
	ResponseEntity<UserView> create(@Valid @RequestBody CreateUserRequest request) {
		UserView user = users.create(request);
		return ResponseEntity.created(URI.create("/api/v1/users/" + user.id()))
			.eTag(Versions.etag(user.version()))
			.body(user);
	}

	@PutMapping("/{id}")
	ResponseEntity<UserView> update(@PathVariable long id, @Valid @RequestBody UpdateUserRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		UserView user = users.update(id, request, Versions.expected(ifMatch, request.version()));
		return ResponseEntity.ok().eTag(Versions.etag(user.version())).body(user);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		users.delete(id);
		return ResponseEntity.noContent().build();
	}

}
