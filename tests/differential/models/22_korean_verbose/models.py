from django.db import models


class 상품(models.Model):
    pass


class Menu(models.Model):
    CATEGORY_CHOICES = [
        ('korean', '한식'),
        ('chinese', '중식'),
        ('western', '양식'),
    ]
    name = models.CharField('메뉴 이름', max_length=50)
    price = models.PositiveIntegerField(verbose_name='가격', help_text='원 단위로 입력하세요')
    category = models.CharField('분류', max_length=10, choices=CATEGORY_CHOICES, default='korean')
    description = models.TextField('설명', blank=True, help_text="메뉴에 대한 \"설명\"을 적어주세요")
    is_spicy = models.BooleanField('매운 음식', default=False)

    class Meta:
        verbose_name = '메뉴'
        verbose_name_plural = '메뉴들'
        ordering = ['name']

    def __str__(self):
        return f'{self.name} ({self.price}원)'


class Review(models.Model):
    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, verbose_name='메뉴', related_name='리뷰')
    별점 = models.IntegerField(default=5)
    content = models.TextField('내용')

    class Meta:
        verbose_name = '리뷰'
