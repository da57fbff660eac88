package io.tfmesh.user;

import java.security.Principal;
import java.util.Map;

import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.security.AccountSessions;
import io.tfmesh.system.web.FormErrors;
import io.tfmesh.system.web.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The logged-in user's own page: password and personal API tokens. */
@Controller
@RequestMapping("/account")
class AccountController {

	private static final Map<String, String> PASSWORD_FIELDS = Map.of("currentPassword",
			"currentPassword", "newPassword", "newPassword");

	private static final Map<String, String> TOKEN_FIELDS = Map.of("name", "name",
			"expiresInDays", "expiresInDays");

	private final UserService users;

	private final ApiTokenService tokens;

	private final RequestValidator validator;

	private final AccountSessions sessions;

	AccountController(UserService users, ApiTokenService tokens, RequestValidator validator,
			AccountSessions sessions) {
		this.users = users;
		this.tokens = tokens;
		this.validator = validator;
		this.sessions = sessions;
	}

	@GetMapping
	String account(Principal caller, Model model) {
		model.addAttribute("passwordForm", new PasswordForm());
		model.addAttribute("tokenForm", new TokenForm());
		return page(caller, model);
	}

	@PostMapping("/password")
	String changePassword(@ModelAttribute("passwordForm") PasswordForm form, BindingResult result, Principal caller,
			Model model, RedirectAttributes redirect, HttpServletRequest request) {
		return FormErrors.attempt(result, PASSWORD_FIELDS, () -> {
			if (!form.getNewPassword().equals(form.getRepeatPassword())) {
				throw new InvalidInputException("newPassword", "the two new passwords differ");
			}
			users.changeOwnPassword(caller.getName(), form.getCurrentPassword(), form.getNewPassword());
			// a new password ends the account's other sessions, not this one
			sessions.keepCurrentSession(request);
			return true;
		}).map(done -> {
			redirect.addFlashAttribute("message", "Your password was changed.");
			return "redirect:/account";
		}).orElseGet(() -> {
			model.addAttribute("tokenForm", new TokenForm());
			return page(caller, model);
		});
	}

	@PostMapping("/tokens")
	String createToken(@ModelAttribute("tokenForm") TokenForm form, BindingResult result, Principal caller,
			Model model) {
		model.addAttribute("passwordForm", new PasswordForm());
		FormErrors.attempt(result, TOKEN_FIELDS, () -> {
			CreateApiTokenRequest request = form.toRequest();
			validator.check(request);
			return tokens.create(caller.getName(), request);
		}).ifPresent(created -> {
			model.addAttribute("createdToken", created);
			model.addAttribute("tokenForm", new TokenForm());
		});
		return page(caller, model);
	}

	@PostMapping("/tokens/{id}/revoke")
	String revokeToken(@PathVariable long id, Principal caller, RedirectAttributes redirect) {
		tokens.revoke(caller.getName(), id);
		redirect.addFlashAttribute("message", "The token was revoked.");
		return "redirect:/account";
	}

	private String page(Principal caller, Model model) {
		model.addAttribute("tokens", tokens.list(caller.getName()));
		return "account/account";
	}

	public static class PasswordForm {

		private String currentPassword = "";

		private String newPassword = "";

		private String repeatPassword = "";

		public String getCurrentPassword() {
			return currentPassword;
		}

		public void setCurrentPassword(String currentPassword) {
			this.currentPassword = currentPassword;
		}

		public String getNewPassword() {
			return newPassword;
		}

		public void setNewPassword(String newPassword) {
			this.newPassword = newPassword;
		}

		public String getRepeatPassword() {
			return repeatPassword;
		}

		public void setRepeatPassword(String repeatPassword) {
			this.repeatPassword = repeatPassword;
		}

	}

	public static class TokenForm {

		private String name = "";

		private @Nullable Integer expiresInDays = 90;

		CreateApiTokenRequest toRequest() {
			return new CreateApiTokenRequest(name, expiresInDays);
		}

		public String getName() {
			return name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public @Nullable Integer getExpiresInDays() {
			return expiresInDays;
		}

		public void setExpiresInDays(@Nullable Integer expiresInDays) {
			this.expiresInDays = expiresInDays;
		}

	}

}
