"""Print the data inventory (数据分类分级清单): every table, its level, and every field classified by name."""

from django.apps import apps
from django.core.management.base import BaseCommand

from gonghui.core import classification


class Command(BaseCommand):
    help = "Print every table and personal field with its classification level, as a Markdown table."

    def handle(self, *args, **options):
        inventory = classification.inventory()
        self.stdout.write("| table | field | level |\n|---|---|---|")
        for model in sorted((m for m in apps.get_models() if m.__module__.startswith("gonghui.")),
                            key=lambda m: m._meta.label):
            entry = inventory.get(model._meta.label, {})
            self.stdout.write(f"| {model._meta.label} | (table) | {entry.get('*', 'UNCLASSIFIED')} |")
            for name, level in sorted(entry.items()):
                if name != "*":
                    self.stdout.write(f"| {model._meta.label} | {name} | {level} |")
