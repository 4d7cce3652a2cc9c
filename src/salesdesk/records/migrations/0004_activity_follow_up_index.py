from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0003_import_batch_imported_by"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                fields=["department", "next_follow_up"], name="activity_dept_follow_up"
            ),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["customer", "date"], name="activity_customer_date"),
        ),
    ]
