package io.tfmesh.user;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The user form of the admin pages; the password is optional when editing. */
public class UserForm {

	static final Map<String, String> FIELDS = Map.of("username", "username", "password", "password", "role", "role",
			"enabled", "enabled", "version", "username");

	private String username = "";

	private String password = "";

	private Role role = Role.VIEWER;

	private boolean enabled = true;

	private @Nullable Long version;

	static UserForm of(UserView user) {
		UserForm form = new UserForm();
		form.username = user.username();
		form.role = user.role();
		form.enabled = user.enabled();
		form.version = user.version();
		return form;
	}

	CreateUserRequest toCreateRequest() {
		return new CreateUserRequest(username == null ? null : username.strip(), password, role);
	}

	UpdateUserRequest toUpdateRequest() {
		return new UpdateUserRequest(role, enabled, password == null || password.isEmpty() ? null : password, version);
	}

	public String getUsername() {
		return username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Role getRole() {
		return role;
	}

	public void setRole(Role role) {
		this.role = role;
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
