package io.tfmesh.user;

import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.web.FormErrors;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.RequestValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/users")
class UserPageController {

	private final UserService users;

	private final RequestValidator validator;

	UserPageController(UserService users, RequestValidator validator) {
		this.users = users;
		this.validator = validator;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) @Nullable String sort,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		ListSort order = ListSort.orDefault(sort, UserService.SORT_COLUMNS);
		model.addAttribute("q", q);
		model.addAttribute("sort", order);
		model.addAttribute("users", users.list(q, PageQuery.of(page, size), order));
		return htmx != null ? "users/list :: results" : "users/list";
	}

	@GetMapping("/new")
	String createForm(Model model) {
		model.addAttribute("form", new UserForm());
		return form(model, null);
	}

	@PostMapping
	String create(@ModelAttribute("form") UserForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		return FormErrors.attempt(result, UserForm.FIELDS, () -> {
			CreateUserRequest request = form.toCreateRequest();
			validator.check(request);
			return users.create(request);
		}).map(user -> {
			redirect.addFlashAttribute("message", "User " + user.username() + " was created.");
			return "redirect:/users";
		}).orElseGet(() -> form(model, null));
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		UserView user = users.get(id);
		model.addAttribute("form", UserForm.of(user));
		return form(model, user);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") UserForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		UserView current = users.get(id);
		return FormErrors.attempt(result, UserForm.FIELDS, () -> {
			UpdateUserRequest request = form.toUpdateRequest();
			validator.check(request);
			return users.update(id, request, form.getVersion() == null ? -1 : form.getVersion());
		}).map(user -> {
			redirect.addFlashAttribute("message", "User " + user.username() + " was saved.");
			return "redirect:/users";
		}).orElseGet(() -> form(model, current));
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(@PathVariable long id, Model model) {
		model.addAttribute("user", users.get(id));
		return "users/delete";
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		UserView user = users.get(id);
		try {
			users.delete(id);
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/users";
		}
		redirect.addFlashAttribute("message", "User " + user.username() + " was deleted.");
		return "redirect:/users";
	}

	private String form(Model model, @Nullable UserView user) {
		model.addAttribute("user", user);
		model.addAttribute("roles", Role.values());
		return "users/form";
	}

}
