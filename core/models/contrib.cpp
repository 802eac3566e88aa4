// Model definitions of django.contrib.contenttypes and django.contrib.auth (Django 3.2),
// restated in the Python subset gramlab reads: same fields, options and help texts, so
// migrations and checks that refer to them match Django's.
#include "core/models/contrib.hpp"

namespace gramlab::models {

namespace {

constexpr std::string_view kContentTypes = R"PY(
from django.db import models
from django.utils.translation import gettext_lazy as _

class ContentType(models.Model):
    app_label = models.CharField(max_length=100)
    model = models.CharField(_('python model class name'), max_length=100)

    class Meta:
        verbose_name = _('content type')
        verbose_name_plural = _('content types')
        db_table = 'django_content_type'
        unique_together = [['app_label', 'model']]

    def __str__(self):
        return self.app_label + '.' + self.model
)PY";

constexpr std::string_view kAuth = R"PY(
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.contrib.contenttypes.models import ContentType
from django.contrib.auth.validators import UnicodeUsernameValidator

class Permission(models.Model):
    name = models.CharField(_('name'), max_length=255)
    content_type = models.ForeignKey(
        ContentType,
        models.CASCADE,
        verbose_name=_('content type'),
    )
    codename = models.CharField(_('codename'), max_length=100)

    class Meta:
        verbose_name = _('permission')
        verbose_name_plural = _('permissions')
        unique_together = [['content_type', 'codename']]
        ordering = ['content_type__app_label', 'content_type__model', 'codename']

    def __str__(self):
        return '%s | %s' % (self.content_type, self.name)

class Group(models.Model):
    name = models.CharField(_('name'), max_length=150, unique=True)
    permissions = models.ManyToManyField(
        Permission,
        verbose_name=_('permissions'),
        blank=True,
    )

    class Meta:
        verbose_name = _('group')
        verbose_name_plural = _('groups')

    def __str__(self):
        return self.name

class BaseUserManager(models.Manager):
    pass

class UserManager(BaseUserManager):
    use_in_migrations = True

class AbstractBaseUser(models.Model):
    password = models.CharField(_('password'), max_length=128)
    last_login = models.DateTimeField(_('last login'), blank=True, null=True)

    is_active = True

    REQUIRED_FIELDS = []

    class Meta:
        abstract = True

    def __str__(self):
        return self.get_username()

class PermissionsMixin(models.Model):
    is_superuser = models.BooleanField(
        _('superuser status'),
        default=False,
        help_text=_(
            'Designates that this user has all permissions without '
            'explicitly assigning them.'
        ),
    )
    groups = models.ManyToManyField(
        Group,
        verbose_name=_('groups'),
        blank=True,
        help_text=_(
            'The groups this user belongs to. A user will get all permissions '
            'granted to each of their groups.'
        ),
        related_name="user_set",
        related_query_name="user",
    )
    user_permissions = models.ManyToManyField(
        Permission,
        verbose_name=_('user permissions'),
        blank=True,
        help_text=_('Specific permissions for this user.'),
        related_name="user_set",
        related_query_name="user",
    )

    class Meta:
        abstract = True

class AbstractUser(AbstractBaseUser, PermissionsMixin):
    username_validator = UnicodeUsernameValidator()

    username = models.CharField(
        _('username'),
        max_length=150,
        unique=True,
        help_text=_('Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.'),
        validators=[username_validator],
        error_messages={
            'unique': _("A user with that username already exists."),
        },
    )
    first_name = models.CharField(_('first name'), max_length=150, blank=True)
    last_name = models.CharField(_('last name'), max_length=150, blank=True)
    email = models.EmailField(_('email address'), blank=True)
    is_staff = models.BooleanField(
        _('staff status'),
        default=False,
        help_text=_('Designates whether the user can log into this admin site.'),
    )
    is_active = models.BooleanField(
        _('active'),
        default=True,
        help_text=_(
            'Designates whether this user should be treated as active. '
            'Unselect this instead of deleting accounts.'
        ),
    )
    date_joined = models.DateTimeField(_('date joined'), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = 'email'
    USERNAME_FIELD = 'username'
    REQUIRED_FIELDS = ['email']

    class Meta:
        verbose_name = _('user')
        verbose_name_plural = _('users')
        abstract = True

class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        swappable = 'AUTH_USER_MODEL'
)PY";

}  // namespace

const std::vector<ContribApp>& contrib_apps() {
    static const std::vector<ContribApp> apps = {
        {"contenttypes", "django.contrib.contenttypes.models", kContentTypes,
         {"0001_initial", "0002_remove_content_type_name"}},
        {"auth", "django.contrib.auth.models", kAuth,
         {"0001_initial", "0002_alter_permission_name_max_length", "0003_alter_user_email_max_length",
          "0004_alter_user_username_opts", "0005_alter_user_last_login_null", "0006_require_contenttypes_0002",
          "0007_alter_validators_add_error_messages", "0008_alter_user_username_max_length",
          "0009_alter_user_last_name_max_length", "0010_alter_group_name_max_length",
          "0011_update_proxy_permissions", "0012_alter_user_first_name_max_length"}},
    };
    return apps;
}

std::string app_label_of(const std::string& installed_app) {
    std::string s = installed_app;
    auto apps_pos = s.find(".apps.");
    if (apps_pos != std::string::npos) s = s.substr(0, apps_pos);
    auto dot = s.rfind('.');
    return dot == std::string::npos ? s : s.substr(dot + 1);
}

}  // namespace gramlab::models
